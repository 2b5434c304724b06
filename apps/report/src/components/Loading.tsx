import { DotLoading } from "antd-mobile"

export const Loading = ({ what }: { what: string }) => (
  <div role="status" style={{ padding: 48, textAlign: "center", color: "var(--adm-color-weak)" }}>
    正在加载{what}
    <DotLoading />
  </div>
)
