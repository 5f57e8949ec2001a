export { cn } from "./cn";
export * from "./format";
export { Button } from "./button";
export { Card, CardBody, CardHeader } from "./card";
export { Field, Input, Select } from "./field";
export { Badge, EmptyState, ErrorNotice, Skeleton } from "./feedback";
export { Stat } from "./stat";
