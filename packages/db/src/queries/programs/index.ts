export { controlHashSql, isControlSql } from "./control-group-sql";
export { enrollMembers, programsOpenForEnrollment, type EnrollmentTarget } from "./enroll-members";
export { listPrograms, type ProgramListFilter, type ProgramListRow } from "./list-programs";
export { programStats, type ProgramStats, type ProgramStatsScope } from "./program-stats";
export {
  loadPreviewOrders,
  pickPreviewCustomers,
  type PreviewOrder,
  type PreviewProfile,
} from "./preview-customers";
