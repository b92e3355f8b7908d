/** Table devices of a workshop (issue 19 §2): facilitators manage them; a link makes a device. */
import {
  TableClaimResponse,
  TableDevice,
  TableDeviceLink,
  TableDeviceList,
} from '@ideenwand/protocol'
import { apiJson } from './http.ts'

export type { TableDeviceLink } from '@ideenwand/protocol'
export type TableDeviceInfo = TableDevice

const seg = encodeURIComponent
const base = (workshopId: string) => `/workshops/${seg(workshopId)}/tables`

export const tablesApi = {
  list: (workshopId: string) => apiJson('GET', base(workshopId), TableDeviceList),
  create: (workshopId: string, input: { label: string; people: number }) =>
    apiJson('POST', base(workshopId), TableDeviceLink, input),
  update: (workshopId: string, id: string, patch: { label?: string; people?: number }) =>
    apiJson('PATCH', `${base(workshopId)}/${seg(id)}`, TableDevice, patch),
  newLink: (workshopId: string, id: string) =>
    apiJson('POST', `${base(workshopId)}/${seg(id)}/link`, TableDeviceLink),
  end: (workshopId: string, id: string) =>
    apiJson('DELETE', `${base(workshopId)}/${seg(id)}`, TableDevice),
  /** Opens a table link: this browser becomes the table's device. */
  claim: (token: string) => apiJson('POST', '/tables/claim', TableClaimResponse, { token }),
}
