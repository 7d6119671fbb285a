export { useContactReveal, type ContactReveal } from './use-contact-reveal'
export { callPhone, canSaveContact, classifyFailure, copyText, saveContact } from './contact-actions'
export { ContactCard } from './components/ContactCard'
