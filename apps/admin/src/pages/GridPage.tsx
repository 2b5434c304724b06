import { useQuery } from "@tanstack/react-query"
import { Card, Input, Space, Typography } from "antd"
import { useMemo, useState } from "react"
import { ApiError } from "../components/ApiError.tsx"
import { GridDrawer } from "../components/GridDrawer.tsx"
import { GridTable } from "../components/GridTable.tsx"
import { Loading } from "../components/Loading.tsx"
import { buildTree, filterTree, type GridNode } from "../grid-tree.ts"
import { useTRPC } from "../trpc.ts"

/** 网格: the county's grid tree, searchable by name, with each grid's details in a drawer. */
export const GridPage = () => {
  const trpc = useTRPC()
  const tree = useQuery(trpc.grid.tree.queryOptions())
  const [query, setQuery] = useState("")
  const [opened, setOpened] = useState<string[] | null>(null)
  const [selected, setSelected] = useState<GridNode | null>(null)

  const roots = useMemo(() => buildTree(tree.data ?? []), [tree.data])
  const filtered = useMemo(() => filterTree(roots, query), [roots, query])
  // Until someone opens or closes a branch: the county is open; while searching, every match is shown.
  const expanded = opened ?? (query.trim() ? filtered.expand : roots.map((r) => r.id))

  if (tree.isPending) return <Loading what="网格" />
  if (tree.isError) return <ApiError error={tree.error} onRetry={() => tree.refetch()} />

  return (
    <Card
      title="网格"
      extra={
        <Typography.Text type="secondary">
          共 {tree.data.length} 个网格
          {query.trim() && `，${filtered.matches} 个名称匹配`}
        </Typography.Text>
      }
    >
      <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
        <Input.Search
          aria-label="按名称搜索网格"
          placeholder="输入村、片区或乡镇名称，例如：曲河"
          allowClear
          style={{ maxWidth: 360 }}
          onChange={(e) => {
            setQuery(e.target.value)
            setOpened(null)
          }}
        />
        <GridTable
          nodes={filtered.nodes}
          expanded={expanded}
          onExpandedChange={setOpened}
          onOpen={setSelected}
        />
      </Space>
      <GridDrawer grid={selected} onClose={() => setSelected(null)} />
    </Card>
  )
}
