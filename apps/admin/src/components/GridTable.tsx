import { Table, Tag, Typography } from "antd"
import type { ColumnsType } from "antd/es/table"
import type { GridNode } from "../grid-tree.ts"
import { LevelTag } from "./LevelTag.tsx"

const columns: ColumnsType<GridNode> = [
  {
    title: "网格名称",
    dataIndex: "name",
    render: (_, grid) => (
      <span>
        <Typography.Text strong={grid.level !== "small"}>{grid.name}</Typography.Text>{" "}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {grid.code}
        </Typography.Text>
      </span>
    ),
  },
  { title: "层级", dataIndex: "levelLabel", width: 170, render: (_, grid) => <LevelTag grid={grid} /> },
  {
    title: "第一责任人",
    dataIndex: "firstResponsible",
    render: (_, { firstResponsible: who }) =>
      who ? (
        <span>
          {who.name}
          {who.title && <Typography.Text type="secondary">（{who.title}）</Typography.Text>}
        </span>
      ) : (
        <Tag color="error">未指定</Tag>
      ),
  },
  { title: "单位数", dataIndex: "totalUnits", width: 90, align: "right" },
]

interface Props {
  readonly nodes: GridNode[]
  readonly expanded: string[]
  readonly onExpandedChange: (keys: string[]) => void
  readonly onOpen: (grid: GridNode) => void
}

/** The grid tree as a table: one row per grid, indented by level, click a row for its details. */
export const GridTable = ({ nodes, expanded, onExpandedChange, onOpen }: Props) => (
  <Table<GridNode>
    aria-label="网格树"
    rowKey="id"
    size="middle"
    columns={columns}
    dataSource={nodes}
    pagination={false}
    expandable={{
      expandedRowKeys: expanded,
      onExpandedRowsChange: (keys) => onExpandedChange(keys.map(String)),
      indentSize: 20,
    }}
    onRow={(grid) => ({
      onClick: (event) => {
        // The expand button toggles the branch; anywhere else on the row opens the details.
        if ((event.target as HTMLElement).closest(".ant-table-row-expand-icon")) return
        onOpen(grid)
      },
      style: { cursor: "pointer" },
    })}
    locale={{ emptyText: "没有名称匹配的网格" }}
  />
)
