export { rebuildCustomerFeatures, refreshCustomerActivity } from "./refresh-activity";
export { refreshPredictions, type PredictionFit } from "./predictions";
