import { Flex, Spin, Typography } from "antd"

/** A visible, announced loading state for a page's data. */
export const Loading = ({ what }: { what: string }) => (
  <Flex role="status" align="center" justify="center" gap={12} style={{ padding: 64 }}>
    <Spin size="large" />
    <Typography.Text type="secondary">正在加载{what}…</Typography.Text>
  </Flex>
)
