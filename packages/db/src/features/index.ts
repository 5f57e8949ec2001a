export { rebuildCustomerFeatures, refreshCustomerActivity } from "./refresh-activity";
export { refreshPredictions, type PredictionFit } from "./predictions";
export {
  refreshAllStoreKpiMonths,
  refreshStoreKpiMonths,
} from "../queries/stores/store-kpi-months";
