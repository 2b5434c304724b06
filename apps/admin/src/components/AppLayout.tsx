import { Layout, Menu, Typography } from "antd"
import { useEffect } from "react"
import { CoveragePage } from "../pages/CoveragePage.tsx"
import { GridPage } from "../pages/GridPage.tsx"
import { PAGES, type PageKey, useRoute } from "../route.ts"
import type { Account } from "../trpc.ts"
import { AccountMenu } from "./AccountMenu.tsx"

const menuItems = (Object.keys(PAGES) as PageKey[]).map((key) => ({ key, label: PAGES[key].title }))

/** Ant Design Pro's frame: the product name on top, a menu by task on the left, the page on the right. */
export const AppLayout = ({ account }: { account: Account }) => {
  const { page, go } = useRoute()
  useEffect(() => {
    document.title = `${PAGES[page].title} - firegrid 消防安全网格化管理`
  }, [page])
  return (
    <Layout style={{ minHeight: "100vh" }}>
      <Layout.Header style={{ display: "flex", alignItems: "center", paddingInline: 24 }}>
        <Typography.Title level={4} style={{ color: "#fff", margin: 0, whiteSpace: "nowrap" }}>
          firegrid 消防安全网格化管理
        </Typography.Title>
        <AccountMenu account={account} />
      </Layout.Header>
      <Layout>
        <Layout.Sider width={180} theme="light" breakpoint="md" collapsedWidth={0}>
          <nav aria-label="功能菜单">
            <Menu
              mode="inline"
              selectedKeys={[page]}
              items={menuItems}
              onClick={({ key }) => go(key as PageKey)}
              style={{ height: "100%", borderInlineEnd: 0 }}
            />
          </nav>
        </Layout.Sider>
        <Layout.Content style={{ padding: 24 }}>
          <main>{page === "grids" ? <GridPage /> : <CoveragePage />}</main>
        </Layout.Content>
      </Layout>
    </Layout>
  )
}
