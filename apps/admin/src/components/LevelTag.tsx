import { Tag } from "antd"
import type { GridRow } from "../trpc.ts"

export const LEVEL_COLOR: Record<GridRow["level"], string> = {
  county: "magenta",
  large: "volcano",
  medium: "blue",
  small: "green",
}

export const LevelTag = ({ grid }: { grid: Pick<GridRow, "level" | "levelLabel"> }) => (
  <Tag color={LEVEL_COLOR[grid.level]}>{grid.levelLabel}</Tag>
)
