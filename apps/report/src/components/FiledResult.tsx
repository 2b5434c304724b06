import { Button, Result, Space, Toast } from "antd-mobile"
import { beijingTime } from "../format.ts"
import type { FiledTip } from "../trpc.ts"

const copy = async (text: string) => {
  try {
    await navigator.clipboard.writeText(text)
    Toast.show({ icon: "success", content: "查询码已复制" })
  } catch {
    Toast.show({ content: "无法自动复制，请长按查询码手动复制" })
  }
}

/** The tracking code, big enough to read out over the phone, and what to do with it. */
export const FiledResult = ({
  filed,
  onTrack,
  onAnother,
}: {
  filed: FiledTip
  onTrack: () => void
  onAnother: () => void
}) => (
  <section aria-label="举报结果" style={{ padding: "0 16px 32px" }}>
    <Result status="success" title="举报已提交" description={`提交时间：${beijingTime(filed.filedAt)}`} />
    <div style={{ textAlign: "center", background: "#fff", borderRadius: 8, padding: "16px 8px" }}>
      <div id="tracking-code-label" style={{ color: "var(--adm-color-weak)", fontSize: 14 }}>
        您的查询码
      </div>
      <output
        aria-labelledby="tracking-code-label"
        style={{
          display: "block",
          fontSize: 30,
          fontWeight: 700,
          letterSpacing: 2,
          fontFamily: "ui-monospace, Menlo, Consolas, monospace",
          userSelect: "all",
          margin: "8px 0 12px",
          wordBreak: "break-all",
        }}
      >
        {filed.trackingCode}
      </output>
      <Button size="small" onClick={() => copy(filed.trackingCode)}>
        复制查询码
      </Button>
    </div>
    <ol style={{ fontSize: 15, lineHeight: 1.7, paddingInlineStart: 20, color: "var(--adm-color-text)" }}>
      <li>请截图或抄下这串查询码，它是查看进度的唯一凭证。</li>
      <li>在本页「查询进度」中输入查询码，可看到受理、核实和整改的进展。</li>
      <li>网格员会到现场核实；若留了联系方式，可能会与您联系。</li>
    </ol>
    <Space direction="vertical" block>
      <Button block color="primary" size="large" onClick={onTrack}>
        查询处理进度
      </Button>
      <Button block size="large" onClick={onAnother}>
        继续举报其他隐患
      </Button>
    </Space>
  </section>
)
