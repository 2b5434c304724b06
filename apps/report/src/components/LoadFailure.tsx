import { Button, ErrorBlock } from "antd-mobile"

/** The page could not get what it needs from the server; say so, offer a retry, and remind of 119. */
export const LoadFailure = ({ message, onRetry }: { message: string; onRetry: () => void }) => (
  <div role="alert">
    <ErrorBlock
      status="disconnected"
      title="暂时无法打开举报表"
      description={`${message}。如遇火灾请立即拨打 119。`}
    >
      <Button color="primary" onClick={onRetry}>
        重试
      </Button>
    </ErrorBlock>
  </div>
)
