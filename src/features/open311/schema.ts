import { Type, type Static } from 'typebox';
import { Nullable } from '../../platform/http/schemas.ts';

/**
 * Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2): field names as the spec spells
 * them. Every answer is JSON or, with the .xml suffix, the spec's XML of the same fields.
 */
export const SPECIFICATION = 'http://wiki.open311.org/GeoReport_v2';

export const FormatParams = Type.Object({ format: Type.String({ maxLength: 10, description: 'json or xml' }) });

export const JurisdictionQuery = Type.Object(
  {
    jurisdiction_id: Type.Optional(
      Type.String({ maxLength: 63, description: 'The campaign slug; default the newest campaign' }),
    ),
  },
  { additionalProperties: true },
);
export type JurisdictionQuery = Static<typeof JurisdictionQuery>;

export const ServiceParams = Type.Object({ service_code: Type.String({ maxLength: 100 }), format: Type.String() });
export const RequestParams = Type.Object({
  service_request_id: Type.String({ maxLength: 100 }),
  format: Type.String(),
});

/** A service: one of the campaign's topics. */
export const Service = Type.Object({
  service_code: Type.String(),
  service_name: Type.String(),
  description: Type.String(),
  metadata: Type.Boolean({ description: 'Always false: no extra attributes are asked' }),
  type: Type.String({ description: 'Always realtime: a request is handled one by one' }),
  keywords: Type.String({ description: 'Comma-separated' }),
  group: Nullable(Type.String()),
});
export type Service = Static<typeof Service>;

export const ServiceDefinition = Type.Object({
  service_code: Type.String(),
  attributes: Type.Array(Type.Unknown(), { description: 'None: the services ask for no extra attributes' }),
});
export type ServiceDefinition = Static<typeof ServiceDefinition>;

const Text = (maxLength: number) => Type.Optional(Type.String({ maxLength }));

const Coordinate = Type.Optional(Type.Union([Type.String({ maxLength: 40 }), Type.Number()]));

/** POST requests: form-encoded (or JSON) fields as the spec names them; attribute[…] allowed. */
export const CreateRequestBody = Type.Object(
  {
    api_key: Text(200),
    jurisdiction_id: Text(63),
    service_code: Text(100),
    description: Text(4000),
    lat: Coordinate,
    long: Coordinate,
    address_string: Text(500),
    address_id: Text(100),
    email: Text(200),
    device_id: Text(200),
    account_id: Text(200),
    first_name: Text(100),
    last_name: Text(100),
    phone: Text(40),
    media_url: Text(2000),
  },
  { additionalProperties: true },
);
export type CreateRequestBody = Static<typeof CreateRequestBody>;

export const RequestCreated = Type.Object({
  service_request_id: Type.String(),
  service_notice: Type.String(),
  account_id: Nullable(Type.String()),
});
export type RequestCreated = Static<typeof RequestCreated>;

export const RequestsQuery = Type.Object(
  {
    jurisdiction_id: Text(63),
    api_key: Text(200),
    service_request_id: Text(4000),
    service_code: Text(1000),
    start_date: Text(40),
    end_date: Text(40),
    status: Text(20),
  },
  { additionalProperties: true },
);
export type RequestsQuery = Static<typeof RequestsQuery>;

/** A service request: a case, with what the public may see of it. */
export const ServiceRequest = Type.Object({
  service_request_id: Type.String(),
  status: Type.String({ description: 'open, or closed once replied' }),
  status_notes: Nullable(Type.String()),
  service_name: Nullable(Type.String()),
  service_code: Nullable(Type.String()),
  description: Nullable(Type.String({ description: 'The published question; in full for an API key of the unit' })),
  agency_responsible: Type.String({ description: 'The unit responsible now' }),
  service_notice: Nullable(Type.String()),
  requested_datetime: Type.String(),
  updated_datetime: Type.String(),
  expected_datetime: Type.String({ description: 'The end of the due day' }),
  address: Nullable(Type.String()),
  address_id: Nullable(Type.String()),
  zipcode: Nullable(Type.String()),
  lat: Nullable(Type.Number()),
  long: Nullable(Type.Number()),
  media_url: Nullable(Type.String()),
});
export type ServiceRequest = Static<typeof ServiceRequest>;

export const Open311Error = Type.Object({ code: Type.Integer(), description: Type.String() });
export type Open311Error = Static<typeof Open311Error>;
export const Open311Errors = Type.Array(Open311Error);

export const Discovery = Type.Object({
  changeset: Type.String(),
  contact: Type.String(),
  key_service: Type.String(),
  endpoints: Type.Array(
    Type.Object({
      specification: Type.String(),
      url: Type.String(),
      changeset: Type.String(),
      type: Type.String(),
      formats: Type.Array(Type.String()),
    }),
  ),
});
export type Discovery = Static<typeof Discovery>;
