// A page with the script tag and no import at all: window.discret typed by one reference.
/// <reference types="discret/window" />

const discret = window.discret;
if (discret) {
  await discret.consent.ready;
  console.log(discret.consent.granted('analytics'));
  await discret.consent.decide({ analytics: false });
  await discret.define();
  const choice = await discret.chat.trainingChoice('chat');
  console.log(choice?.allowed);
  discret.on('change', ({ method }) => console.log(method));
}
export {};
