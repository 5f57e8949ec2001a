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
export {
  deleteSegmentSnapshot,
  findSegmentSnapshot,
  freezeSegmentSnapshot,
  listSegmentSnapshots,
  snapshotMemberIds,
  type SnapshotRow,
} from "./snapshots";
export { segmentOverlap, type OverlapRegion, type SegmentOverlap } from "./overlap";
export {
  exportChannels,
  segmentExportPages,
  type ExportChannel,
  type ExportMemberRow,
  type ExportSource,
} from "./export-members";
export { segmentSizeTrend, trendWeekEnds, type SizeTrendPoint } from "./size-trend";
export {
  customerCategoriesFromOrders,
  customerOrderTimesFromOrders,
  rebuildSegmentWindowTables,
} from "./customer-categories";
