export { rebuildCustomerFeatures, refreshCustomerActivity } from "./refresh-activity";
export { refreshPredictions, type PredictionFit, type StoredPredictionFit } from "./predictions";
export {
  refreshAllStoreKpiMonths,
  refreshStoreKpiMonths,
} from "../queries/stores/store-kpi-months";
