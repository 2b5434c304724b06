import type { StoredTip } from "@firegrid/db"
import { publicTipView } from "../services/tips.ts"

const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000

/** ISO 8601 with the county's own offset, as GeoReport asks for times "with zone". */
export const shanghaiIso = (at: Date): string =>
  `${new Date(at.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 19)}+08:00`

/**
 * A tip as a GeoReport service request: only what the public page shows the filer (publicTipView), with
 * the rich state mapped to open/closed by the domain (STYLE §3). The filer's contact, typed address and
 * map point stay inside: a point may be the filer's own door.
 */
export const serviceRequestView = (stored: StoredTip) => {
  const view = publicTipView(stored)
  return {
    service_request_id: view.trackingCode,
    status: view.open311Status,
    status_notes: view.statusLabel,
    service_name: view.categoryLabel,
    service_code: view.category,
    description: view.description,
    agency_responsible: view.zoneName,
    service_notice: null,
    requested_datetime: shanghaiIso(stored.filedAt),
    updated_datetime: shanghaiIso(stored.updatedAt),
    expected_datetime: null,
    address: null,
    address_id: null,
    zipcode: null,
    lat: null,
    long: null,
    media_url: stored.mediaUrl,
  }
}
