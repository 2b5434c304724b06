import { useQuery } from "@tanstack/react-query"
import { Alert, Card, Result, Space } from "antd"
import { ApiError } from "../components/ApiError.tsx"
import { CoverageCounts } from "../components/CoverageCounts.tsx"
import { DefectTable } from "../components/DefectTable.tsx"
import { Loading } from "../components/Loading.tsx"
import { useTRPC } from "../trpc.ts"

/** 覆盖检查: does the grid tree cover every unit, with one first-responsible person per grid (G-1)? */
export const CoveragePage = () => {
  const trpc = useTRPC()
  const coverage = useQuery(trpc.grid.coverage.queryOptions())

  if (coverage.isPending) return <Loading what="覆盖检查结果" />
  if (coverage.isError) return <ApiError error={coverage.error} onRetry={() => coverage.refetch()} />

  const { ok, asOf, counts, defects } = coverage.data
  return (
    <Space orientation="vertical" size="large" style={{ width: "100%" }}>
      <Card title="覆盖检查" extra={`检查日期：${asOf}`}>
        {ok ? (
          <Result
            status="success"
            title="网格全覆盖"
            subTitle={`${counts.units} 家社会单位均已划入责任片区，每个网格都有第一责任人，横到边、纵到底，无缝隙、无缺口。`}
          />
        ) : (
          <Alert
            type="warning"
            showIcon
            title={`发现 ${defects.length} 处覆盖缺口`}
            description="请逐条核实：把未划入的单位划入责任片区，为缺少第一责任人的网格指定责任人。"
          />
        )}
      </Card>
      <Card title="网格与单位数量">
        <CoverageCounts counts={counts} />
      </Card>
      <Card title="缺口明细">
        <DefectTable defects={defects} />
      </Card>
    </Space>
  )
}
