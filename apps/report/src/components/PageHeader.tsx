export const PageHeader = () => (
  <header style={{ background: "#c62828", color: "#fff", padding: "16px 16px 14px" }}>
    <h1 style={{ margin: 0, fontSize: 22, fontWeight: 600 }}>群众火灾隐患举报</h1>
    <p style={{ margin: "4px 0 0", fontSize: 14, opacity: 0.9 }}>
      发现身边的火灾隐患，选地点、说情况，提交后凭查询码查看处理进度。
    </p>
  </header>
)
