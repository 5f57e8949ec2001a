export {
  compileSegment,
  segmentFrom,
  segmentMemberIds,
  type SegmentScope,
} from "./compile-segment";
export { countSegment, segmentMembers, segmentSqlText } from "./count-segment";
export {
  segmentMemberDiff,
  segmentProfile,
  segmentSample,
  type SegmentProfile,
  type SegmentSampleMember,
} from "./segment-profile";
export { loadCustomerSummary } from "./customer-summary";
export { segmentPickerOptions, type SegmentPickerOptions } from "./picker-options";
