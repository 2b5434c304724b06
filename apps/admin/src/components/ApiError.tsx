import { Button, Result } from "antd"

/** Why a request failed, in words a clerk can act on: the server is unreachable, or it refused. */
export const describeFailure = (error: unknown): { title: string; detail: string } => {
  const data = (error as { data?: { httpStatus?: number } | null } | null)?.data
  if (!data?.httpStatus)
    return {
      title: "无法连接到服务器",
      detail: "服务器可能未启动或网络中断。请稍后重试；如仍无法使用，请联系系统管理员。",
    }
  const message = error instanceof Error && error.message ? error.message : "未知错误"
  return { title: "服务器处理请求时出错", detail: `${message}（HTTP ${data.httpStatus}）` }
}

/** A whole-page failure with a retry button. */
export const ApiError = ({ error, onRetry }: { error: unknown; onRetry: () => void }) => {
  const { title, detail } = describeFailure(error)
  return (
    <Result
      status="error"
      title={title}
      subTitle={detail}
      extra={
        <Button type="primary" onClick={onRetry}>
          重试
        </Button>
      }
    />
  )
}
