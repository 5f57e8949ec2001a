export { compileSegment, segmentFrom, segmentMemberIds, type SegmentScope } from "./compile-segment";
export { countSegment, segmentMembers, segmentSqlText } from "./count-segment";
