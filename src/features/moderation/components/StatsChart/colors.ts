/** Series colours, distinguishable on white and in the legend beside each chart. */
export const SERIES_COLORS = ['#1a5fd0', '#d93026', '#188038', '#b06000', '#8430ce'] as const
