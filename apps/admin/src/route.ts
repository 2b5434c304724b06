import { useCallback, useEffect, useState } from "react"

/** The admin pages, each at its own address under /admin/ so a reload or a shared link lands on it. */
export const PAGES = {
  grids: { path: "grids", title: "网格" },
  coverage: { path: "coverage", title: "覆盖检查" },
} as const

export type PageKey = keyof typeof PAGES

const base = import.meta.env.BASE_URL

const pageAt = (pathname: string): PageKey => {
  const rest = pathname.startsWith(base) ? pathname.slice(base.length) : pathname
  const first = rest.split("/")[0]
  return first === PAGES.coverage.path ? "coverage" : "grids"
}

/** The current page and a way to go to another, on the browser's own history (back and forward work). */
export const useRoute = () => {
  const [page, setPage] = useState<PageKey>(() => pageAt(window.location.pathname))
  useEffect(() => {
    const onPop = () => setPage(pageAt(window.location.pathname))
    window.addEventListener("popstate", onPop)
    return () => window.removeEventListener("popstate", onPop)
  }, [])
  const go = useCallback((next: PageKey) => {
    window.history.pushState(null, "", `${base}${PAGES[next].path}`)
    setPage(next)
  }, [])
  return { page, go }
}
