// `@ideenwand/cluster` is consumed from source; its untyped stemmer dependency is declared there.
/// <reference path="../../../packages/cluster/src/wink-porter2-stemmer.d.ts" />
