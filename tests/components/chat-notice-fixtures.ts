/** Probes shared by the chat notice's test files. */
import { expect, fixture, type html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import '../../src/define/discret-chat-notice.js';
import type { DiscretChatNotice } from '../../src/components/chat-notice/chat-notice.js';

export const part = (el: Element, name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`);
/** Text with no-break spaces as plain ones: Intl puts one between a number and its unit, French typography before ; : ? ! */
export const plain = (value: string | null | undefined) => (value ?? '').replace(/[\u00a0\u202f]/g, ' ');
/** The compact sentence the notice shows. */
export const said = (el: Element) => plain(part(el, 'disclosure')!.textContent);

/** Tabs until the element's shadow root has focus on the part, as a keyboard user would. */
export async function tabTo(el: Element, name: string): Promise<void> {
  for (let i = 0; i < 10 && el.shadowRoot!.activeElement !== part(el, name); i++) await sendKeys({ press: 'Tab' });
  expect(el.shadowRoot!.activeElement, `focus on ${name}`).to.equal(part(el, name));
}

/** Renders a notice and waits until its stored acknowledgement and training choice are read and shown. */
export async function notice(template: ReturnType<typeof html>): Promise<DiscretChatNotice> {
  const el = await fixture<DiscretChatNotice>(template);
  await el.ready;
  await el.updateComplete;
  return el;
}
