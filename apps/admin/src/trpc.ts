import type { AppRouter } from "@firegrid/api"
import { QueryClient } from "@tanstack/react-query"
import { createTRPCClient, httpBatchLink } from "@trpc/client"
import type { inferRouterOutputs } from "@trpc/server"
import { createTRPCContext } from "@trpc/tanstack-react-query"

export const { TRPCProvider, useTRPC } = createTRPCContext<AppRouter>()

export type Outputs = inferRouterOutputs<AppRouter>
export type GridRow = Outputs["grid"]["tree"][number]
export type Coverage = Outputs["grid"]["coverage"]
export type Account = NonNullable<Outputs["auth"]["me"]>

export const makeQueryClient = () =>
  new QueryClient({
    defaultOptions: { queries: { retry: 1, staleTime: 30_000, refetchOnWindowFocus: false } },
  })

export const makeTrpcClient = () => createTRPCClient<AppRouter>({ links: [httpBatchLink({ url: "/trpc" })] })
