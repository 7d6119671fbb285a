/**
 * What other domains may use of business cards: a member's card, saving and deleting it, and the snapshot
 * of the fields they choose to send (messages and interactions both send cards; neither imports the other's
 * card code).
 */
export { cardOf, chosenCard, deleteCard, saveCard } from './cards'
export { cardsPersonalData } from './collections'
