/** Palisade's version, as OCSF `metadata.product.version` states it (the root package.json's). */
export const PALISADE_VERSION = '0.1.0';
