import { Descriptions, Drawer, Tag } from "antd"
import type { GridNode } from "../grid-tree.ts"
import { LevelTag } from "./LevelTag.tsx"

/** Everything the API says about one grid, opened from the tree. */
export const GridDrawer = ({ grid, onClose }: { grid: GridNode | null; onClose: () => void }) => (
  <Drawer open={grid !== null} onClose={onClose} title={grid?.name ?? ""} size="large" destroyOnHidden>
    {grid && (
      <Descriptions column={1} bordered size="small" styles={{ label: { width: 120 } }}>
        <Descriptions.Item label="网格名称">{grid.name}</Descriptions.Item>
        <Descriptions.Item label="网格编码">{grid.code}</Descriptions.Item>
        <Descriptions.Item label="层级">
          <LevelTag grid={grid} />
        </Descriptions.Item>
        <Descriptions.Item label="第一责任人">
          {grid.firstResponsible ? (
            `${grid.firstResponsible.name}${grid.firstResponsible.title ? `（${grid.firstResponsible.title}）` : ""}`
          ) : (
            <Tag color="error">未指定</Tag>
          )}
        </Descriptions.Item>
        <Descriptions.Item label="位置">{grid.location ?? "未标注"}</Descriptions.Item>
        <Descriptions.Item label="辖区单位数">{grid.totalUnits}</Descriptions.Item>
        <Descriptions.Item label="下级网格数">{grid.children?.length ?? 0}</Descriptions.Item>
      </Descriptions>
    )}
  </Drawer>
)
