import { QueryClientProvider } from "@tanstack/react-query"
import { App as AntApp, ConfigProvider } from "antd"
import zhCN from "antd/locale/zh_CN"
import dayjs from "dayjs"
import "dayjs/locale/zh-cn"
import { useState } from "react"
import { AuthGate } from "./components/AuthGate.tsx"
import { makeQueryClient, makeTrpcClient, TRPCProvider } from "./trpc.ts"

dayjs.locale("zh-cn")

export const App = () => {
  const [queryClient] = useState(makeQueryClient)
  const [trpcClient] = useState(makeTrpcClient)
  return (
    <ConfigProvider
      locale={zhCN}
      theme={{ token: { colorPrimary: "#c62828" } }}
      button={{ autoInsertSpace: false }}
    >
      <AntApp>
        <QueryClientProvider client={queryClient}>
          <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
            <AuthGate />
          </TRPCProvider>
        </QueryClientProvider>
      </AntApp>
    </ConfigProvider>
  )
}
