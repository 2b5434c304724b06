const dateTime = new Intl.DateTimeFormat("zh-CN", {
  timeZone: "Asia/Shanghai",
  year: "numeric",
  month: "long",
  day: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  hour12: false,
})

/** A time from the API (ISO, UTC) as people in the county read it: Beijing time, in Chinese. */
export const beijingTime = (iso: string): string => dateTime.format(new Date(iso))
