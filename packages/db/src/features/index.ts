export { rebuildCustomerFeatures, refreshCustomerActivity } from "./refresh-activity";
