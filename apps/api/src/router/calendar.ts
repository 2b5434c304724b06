import { CalendarYear } from "@firegrid/domain"
import { Either, ParseResult, Schema } from "effect"
import { describeCalendar, supplyCalendarYear } from "../services/calendar.ts"
import { badField, roleProcedure, router, signedInProcedure } from "../trpc.ts"
import { required, standard, Text } from "./input.ts"

const DateNames = (label: string) =>
  Schema.Record({ key: Schema.String, value: Schema.String }).annotations({
    message: () => ({
      message: `${label}应为“日期 → 名称”的对照表，如 {"2027-10-01": "国庆节"}`,
      override: true,
    }),
  })

/** One year's official holiday arrangement, as the State Council publishes it (D-12). */
export const SupplyYear = Schema.Struct({
  year: required(
    Schema.Int.pipe(Schema.between(2000, 2200)).annotations({
      message: () => ({ message: "年份应为 2000–2200 之间的整数", override: true }),
    }),
    "请填写年份",
  ),
  holidays: required(DateNames("假日"), "请填写假日（日期 → 节日名称）"),
  makeUpWorkdays: required(DateNames("调休上班日"), "请填写调休上班日（可为空）"),
  inLieuDays: Schema.optional(
    Schema.Array(Schema.String).annotations({
      message: () => ({ message: "调休放假日应为日期列表", override: true }),
    }),
  ),
  source: required(Text("数据来源", 200), "请填写数据来源（如 国办发明电〔2026〕号文）"),
  provisional: Schema.optional(
    Schema.Boolean.annotations({ message: () => ({ message: "暂定应为是或否", override: true }) }),
  ),
})

const decodeYear = Schema.decodeUnknownEither(CalendarYear, { errors: "all" })

export const calendarRouter = router({
  /** Which years the workday calendar covers, which are provisional, and where each came from. */
  years: signedInProcedure.query(({ ctx }) => describeCalendar(ctx.database.db)),

  /** The county supplies (or corrects) one year's holidays and make-up workdays as data. */
  supplyYear: roleProcedure("countyAdmin")
    .input(standard(SupplyYear))
    .mutation(async ({ ctx, input }) => {
      const year = decodeYear({ ...input, source: input.source.trim() })
      if (Either.isLeft(year))
        throw badField(
          "holidays",
          ParseResult.ArrayFormatter.formatErrorSync(year.left)
            .map((i) => i.message)
            .join("；"),
        )
      await supplyCalendarYear(ctx.database.db, year.right, ctx.now(), ctx.account.id)
      return describeCalendar(ctx.database.db)
    }),
})
