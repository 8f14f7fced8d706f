// The Svelte and Preact typings are valid declarations that give the elements' props.
import 'discret/svelte';
import 'discret/preact';
import type { SvelteHTMLElements } from 'svelte/elements';
import type { JSX } from 'preact';

export const svelteNotice: SvelteHTMLElements['discret-chat-notice'] = {
  assistant: 'ai',
  'require-ack': true,
  'ondiscret-notice-acknowledged': (event) => console.log(event.detail.hash),
};
export const preactRemover: JSX.IntrinsicElements['discret-delete-conversation'] = {
  'conversation-id': 'c42',
  credentials: 'same-origin',
  'ondiscret-conversation-deleted': (event) => console.log(event.detail.receipt.status),
};
