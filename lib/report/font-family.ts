/** The family name the chart SVG asks for; lib/report/fonts.ts maps it to the bundled files. */
export const FONT_FAMILY = 'DejaVu Sans';
