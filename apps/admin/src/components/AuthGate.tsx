import { useQuery } from "@tanstack/react-query"
import { LoginPage } from "../pages/LoginPage.tsx"
import { useTRPC } from "../trpc.ts"
import { ApiError } from "./ApiError.tsx"
import { AppLayout } from "./AppLayout.tsx"
import { Loading } from "./Loading.tsx"

/** Shows the login form until there is a session, then the app for that account. */
export const AuthGate = () => {
  const trpc = useTRPC()
  const me = useQuery(trpc.auth.me.queryOptions())
  if (me.isPending) return <Loading what="登录状态" />
  if (me.isError) return <ApiError error={me.error} onRetry={() => me.refetch()} />
  return me.data ? <AppLayout account={me.data} /> : <LoginPage />
}
