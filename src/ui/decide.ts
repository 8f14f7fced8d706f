/** The decisions chunk of the script tag: fetched with the banner, or on the first decision made in code. */
export * from '../core/decisions.js';
