// The mini-program loads no app.wxss for an independent sub-package: its pages bring the shared styles along.
import '../app.css';
import './shop.css';
