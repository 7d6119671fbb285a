export { useContactReveal, type ContactReveal } from './use-contact-reveal'
export { useCardOffer, type CardOffer } from './use-card-offer'
export { callPhone, canSaveContact, classifyFailure, copyText, saveContact } from './contact-actions'
export { ContactCard } from './components/ContactCard'
