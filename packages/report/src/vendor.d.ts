/** Just enough typing of the Frictionless reference library the data-package test uses. */
declare module 'datapackage' {
  interface Resource {
    name: string
    read(options?: {
      keyed?: boolean
      relations?: boolean
      cast?: boolean
    }): Promise<Record<string, unknown>[]>
  }
  export class Package {
    static load(descriptor: string | object, basePath?: string): Promise<Package>
    readonly valid: boolean
    readonly errors: Error[]
    readonly resources: Resource[]
  }
}
