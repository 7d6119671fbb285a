// Stylesheets mean nothing to jsdom; components import them for the build only.
module.exports = {}
