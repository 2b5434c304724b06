import { useMutation, useQueryClient } from "@tanstack/react-query"
import { Button, Space, Typography } from "antd"
import { type Account, useTRPC } from "../trpc.ts"

/** Who is signed in, and the way out. Logging out forgets every cached answer of that account. */
export const AccountMenu = ({ account }: { account: Account }) => {
  const trpc = useTRPC()
  const queryClient = useQueryClient()
  const logout = useMutation(
    trpc.auth.logout.mutationOptions({
      onSuccess: () => {
        queryClient.clear()
        queryClient.setQueryData(trpc.auth.me.queryKey(), null)
      },
    }),
  )
  return (
    <Space style={{ marginInlineStart: "auto" }}>
      <Typography.Text style={{ color: "#fff" }} aria-label="当前账号">
        {account.displayName}（{account.roleLabel}）
      </Typography.Text>
      <Button size="small" ghost loading={logout.isPending} onClick={() => logout.mutate()}>
        退出登录
      </Button>
    </Space>
  )
}
