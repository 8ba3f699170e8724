// On H5 the storefront runs inside the one app, whose app.css is already loaded.
import './shop.css';
