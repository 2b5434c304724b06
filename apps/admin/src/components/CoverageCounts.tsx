import { Card, Col, Row, Statistic } from "antd"
import type { Coverage } from "../trpc.ts"

const LEVELS: ReadonlyArray<{ key: keyof Coverage["counts"]; label: string }> = [
  { key: "county", label: "县级网格" },
  { key: "large", label: "大网格（乡镇）" },
  { key: "medium", label: "中网格（村/社区）" },
  { key: "small", label: "小网格（责任片区）" },
  { key: "units", label: "社会单位" },
]

/** How many grids of each level, and how many units, the check looked at. */
export const CoverageCounts = ({ counts }: { counts: Coverage["counts"] }) => (
  <Row gutter={[16, 16]}>
    {LEVELS.map(({ key, label }) => (
      <Col key={key} xs={12} md={8} xl={4}>
        <Card size="small">
          <Statistic title={label} value={counts[key]} suffix={key === "units" ? "家" : "个"} />
        </Card>
      </Col>
    ))}
  </Row>
)
