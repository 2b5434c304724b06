import { List, Steps, Tag } from "antd-mobile"
import { beijingTime } from "../format.ts"
import type { TipStatus } from "../trpc.ts"

/** What the filer may see about their tip: its state and history, what and where, and when. Never who filed it. */
export const TipStatusCard = ({ tip }: { tip: TipStatus }) => (
  <section aria-label="举报进度">
    <List header={`查询码 ${tip.trackingCode}`}>
      <List.Item extra={<Tag color="primary">{tip.statusLabel}</Tag>}>处理状态</List.Item>
      <List.Item extra={tip.categoryLabel}>隐患类别</List.Item>
      <List.Item extra={tip.zoneName}>所在片区</List.Item>
      <List.Item extra={beijingTime(tip.filedAt)}>举报时间</List.Item>
      <List.Item extra={beijingTime(tip.updatedAt)}>最近更新</List.Item>
      {tip.photoCount > 0 && <List.Item extra={`${tip.photoCount} 张`}>现场照片</List.Item>}
      <List.Item description={tip.description}>隐患描述</List.Item>
    </List>
    <section aria-label="处理经过" style={{ padding: "8px 12px" }}>
      <Steps direction="vertical" current={tip.history.length - 1}>
        {tip.history.map((step, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: the history is an append-only log; a step never moves
          <Steps.Step key={`${step.on}-${step.label}-${i}`} title={step.label} description={step.on} />
        ))}
      </Steps>
    </section>
  </section>
)
