import { RecordOf, ValuesOf } from "../model/field";
import { SERVICE } from "../model/service";
import { Collection, Route } from "./collection";

/** A Serverless Service in this package's camelCase form. */
export type Service = RecordOf<typeof SERVICE.fields>;

/** What a new Service is made of. */
export type CreateServiceParams = ValuesOf<typeof SERVICE.fields>;

/** What may change on a Service: everything but its unique name. */
export type UpdateServiceParams = Omit<CreateServiceParams, "uniqueName">;

/** The account's Services; a Service's unique name goes wherever its SID does (`fetch({ sid: "my-app" })`). */
export const SERVICES: Route<object> = { path: () => "/v1/Services", key: "services" };

/** The Service endpoints: create, fetch, update, remove and list. */
export type ServicesApi = Collection<typeof SERVICE.fields, object>;
