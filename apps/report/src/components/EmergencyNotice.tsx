import { NoticeBar } from "antd-mobile"

/** This page is not for emergencies (the lesson of FixMyStreet #659): a fire is a call to 119, now. */
export const EmergencyNotice = () => (
  <div role="note">
    <NoticeBar
      color="alert"
      wrap
      content={
        <span>
          正在发生火灾或有人被困，请立即拨打 <a href="tel:119">119</a>{" "}
          报警。本页只受理火灾隐患举报，不能用于报警求助。
        </span>
      }
    />
  </div>
)
