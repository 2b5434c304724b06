import { useMutation, useQueryClient } from "@tanstack/react-query"
import { Alert, Button, Card, Form, Input, Typography } from "antd"
import { useTRPC } from "../trpc.ts"

interface Credentials {
  readonly username: string
  readonly password: string
}

/** 登录: every admin signs in; what they see afterwards is their own grid and what lies below it. */
export const LoginPage = () => {
  const trpc = useTRPC()
  const queryClient = useQueryClient()
  const login = useMutation(
    trpc.auth.login.mutationOptions({
      onSuccess: (me) => queryClient.setQueryData(trpc.auth.me.queryKey(), me),
    }),
  )
  return (
    <main style={{ minHeight: "100vh", display: "grid", placeItems: "center", background: "#f5f5f5" }}>
      <Card style={{ width: 360 }}>
        <Typography.Title level={3} style={{ marginTop: 0 }}>
          firegrid 消防安全网格化管理
        </Typography.Title>
        <Typography.Paragraph type="secondary">请使用本级网格的管理账号登录。</Typography.Paragraph>
        {login.error && (
          <Alert type="error" showIcon title={login.error.message} style={{ marginBottom: 16 }} />
        )}
        <Form<Credentials> layout="vertical" requiredMark={false} onFinish={(values) => login.mutate(values)}>
          <Form.Item label="用户名" name="username" rules={[{ required: true, message: "请输入用户名" }]}>
            <Input autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item label="密码" name="password" rules={[{ required: true, message: "请输入密码" }]}>
            <Input.Password autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={login.isPending}>
            登录
          </Button>
        </Form>
      </Card>
    </main>
  )
}
