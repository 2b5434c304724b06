import { List, Tag } from "antd-mobile"
import { beijingTime } from "../format.ts"
import type { TipStatus } from "../trpc.ts"

/** What the filer may see about their tip: its state, what and where, and when. Never who filed it. */
export const TipStatusCard = ({ tip }: { tip: TipStatus }) => (
  <section aria-label="举报进度">
    <List header={`查询码 ${tip.trackingCode}`}>
      <List.Item extra={<Tag color="primary">{tip.statusLabel}</Tag>}>处理状态</List.Item>
      <List.Item extra={tip.categoryLabel}>隐患类别</List.Item>
      <List.Item extra={tip.zoneName}>所在片区</List.Item>
      <List.Item extra={beijingTime(tip.filedAt)}>举报时间</List.Item>
      <List.Item extra={beijingTime(tip.updatedAt)}>最近更新</List.Item>
      <List.Item description={tip.description}>隐患描述</List.Item>
    </List>
  </section>
)
