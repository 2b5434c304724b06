import { Tabs } from "antd-mobile"
import { useState } from "react"
import { FilePage } from "../pages/FilePage.tsx"
import { TrackPage } from "../pages/TrackPage.tsx"
import { EmergencyNotice } from "./EmergencyNotice.tsx"
import { PageHeader } from "./PageHeader.tsx"

type Tab = "file" | "track"

/** One column on a phone: who we are, call 119 for a fire, then 举报 or 查询. */
export const ReportScreen = () => {
  const [tab, setTab] = useState<Tab>("file")
  const [codeToTrack, setCodeToTrack] = useState<string | null>(null)
  return (
    <div
      style={{
        maxWidth: 560,
        margin: "0 auto",
        minHeight: "100vh",
        background: "var(--adm-color-background)",
      }}
    >
      <PageHeader />
      <EmergencyNotice />
      <Tabs activeKey={tab} onChange={(key) => setTab(key as Tab)}>
        <Tabs.Tab title="举报隐患" key="file">
          <FilePage
            onTrack={(code) => {
              setCodeToTrack(code)
              setTab("track")
            }}
          />
        </Tabs.Tab>
        <Tabs.Tab title="查询进度" key="track">
          <TrackPage key={codeToTrack ?? ""} initialCode={codeToTrack} />
        </Tabs.Tab>
      </Tabs>
    </div>
  )
}
