import { QueryClientProvider } from "@tanstack/react-query"
import { ConfigProvider } from "antd-mobile"
import zhCN from "antd-mobile/es/locales/zh-CN"
import { useState } from "react"
import { ReportScreen } from "./components/ReportScreen.tsx"
import { makeQueryClient, makeTrpcClient, TRPCProvider } from "./trpc.ts"

export const App = () => {
  const [queryClient] = useState(makeQueryClient)
  const [trpcClient] = useState(makeTrpcClient)
  return (
    <ConfigProvider locale={zhCN}>
      <QueryClientProvider client={queryClient}>
        <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
          <ReportScreen />
        </TRPCProvider>
      </QueryClientProvider>
    </ConfigProvider>
  )
}
