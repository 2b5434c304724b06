import { Table, Tag } from "antd"
import type { ColumnsType } from "antd/es/table"
import type { Coverage } from "../trpc.ts"

type Defect = Coverage["defects"][number]

/** A short name for each kind of gap the coverage check reports (G-1). */
export const DEFECT_KIND_LABEL: Record<string, string> = {
  UnitWithoutSmallGrid: "单位未划入片区",
  UnitInSeveralSmallGrids: "单位重复划入",
  PlacementInNonSmallGrid: "单位挂错层级",
  GridWithoutFirstResponsible: "缺第一责任人",
  GridWithSeveralFirstResponsible: "第一责任人不唯一",
  SmallGridWithoutWorkGroup: "片区缺工作组",
  GridUnderWrongParent: "上级网格错误",
}

const kindLabel = (kind: string) => DEFECT_KIND_LABEL[kind] ?? kind

export const DefectTable = ({ defects }: { defects: Coverage["defects"] }) => {
  const kinds = [...new Set(defects.map((d) => d.kind))]
  const columns: ColumnsType<Defect> = [
    {
      title: "问题类型",
      dataIndex: "kind",
      width: 170,
      render: (kind: string) => <Tag color="warning">{kindLabel(kind)}</Tag>,
      filters: kinds.map((k) => ({ text: kindLabel(k), value: k })),
      onFilter: (value, defect) => defect.kind === value,
    },
    { title: "对象编码", width: 140, render: (_, d) => d.unitId ?? d.gridId ?? "—" },
    { title: "说明", dataIndex: "message" },
  ]
  return (
    <Table<Defect>
      aria-label="覆盖缺口"
      rowKey={(d) => `${d.kind}:${d.unitId ?? ""}:${d.gridId ?? ""}`}
      size="middle"
      columns={columns}
      dataSource={defects}
      pagination={{ pageSize: 20, hideOnSinglePage: true, showTotal: (total) => `共 ${total} 条` }}
      locale={{ emptyText: "未发现覆盖缺口" }}
    />
  )
}
